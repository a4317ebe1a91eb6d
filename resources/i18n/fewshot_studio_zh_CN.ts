<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
    <context>
        <name>AboutDialog</name>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/about_dialog.py" line="66" />
            <source>About {0}</source>
            <translation>关于 {0}</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/about_dialog.py" line="78" />
            <source>Python {0} · Qt {1} · {2} {3}</source>
            <translation>Python {0} · Qt {1} · {2} {3}</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/about_dialog.py" line="79" />
            <source> · frozen build</source>
            <translation> · 打包版</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/about_dialog.py" line="90" />
            <source>{0} is made of the software and data below. Select one to read its licence.</source>
            <translation>{0} 由下列软件和数据组成。选择一项可阅读其许可证。</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/about_dialog.py" line="97" />
            <source>Component</source>
            <translation>组件</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/about_dialog.py" line="97" />
            <source>Version</source>
            <translation>版本</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/about_dialog.py" line="97" />
            <source>Licence</source>
            <translation>许可证</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/about_dialog.py" line="97" />
            <source>Used for</source>
            <translation>用途</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/about_dialog.py" line="101" />
            <source>package {0}</source>
            <translation>软件包 {0}</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/about_dialog.py" line="101" />
            <source>shipped in resources/</source>
            <translation>随附于 resources/</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/about_dialog.py" line="120" />
            <source>Select a component to read its licence.</source>
            <translation>选择一个组件以阅读其许可证。</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/about_dialog.py" line="127" />
            <source>Copy version details</source>
            <translation>复制版本信息</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/about_dialog.py" line="128" />
            <source>For a message to support: the versions of the app and everything it includes</source>
            <translation>用于联系支持：本应用及其包含的所有组件的版本</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/about_dialog.py" line="150" />
            <source>{0} is distributed under {1}. Its package does not include the licence text.</source>
            <translation>{0} 以 {1} 发布。其软件包不含许可证全文。</translation>
        </message>
    </context>
    <context>
        <name>ActionLists</name>
        <message>
            <source>No mistakes on the photos it did not learn from.</source>
            <translation>在它没有学过的照片上没有错误。</translation>
        </message>
        <message>
            <source>Train first to see mistakes.</source>
            <translation>请先训练，再查看错误。</translation>
        </message>
        <message>
            <source>Photos it did not learn from that the model got wrong. If the picture really is what the model says, the label was wrong: move it. If your label is right, say so and it is not listed again.</source>
            <translation>这些是模型没有学过、并且判断错误的照片。如果图片确实是模型所说的那样，说明标注错了：把它移过去。如果你的标注是对的，请说明，它就不会再列出。</translation>
        </message>
        <message>
            <source>Move to “{0}”</source>
            <translation>移到“{0}”</translation>
        </message>
        <message>
            <source>This picture is a {0}: move it from “{1}” to “{0}”</source>
            <translation>这张图片是 {0}：把它从“{1}”移到“{0}”</translation>
        </message>
        <message>
            <source>My label is right</source>
            <translation>我的标注是对的</translation>
        </message>
        <message>
            <source>This picture really is a {0}: keep it in “{0}” and stop listing it here</source>
            <translation>这张图片确实是 {0}：保留在“{0}”中，不再在这里列出</translation>
        </message>
        <message>
            <source>labelled “{0}”, model says “{1}” ({2} %)</source>
            <translation>标注为“{0}”，模型认为是“{1}”（{2} %）</translation>
        </message>
        <message>
            <source>Moved</source>
            <translation>已移动</translation>
        </message>
        <message>
            <source>Add unlabelled photos to the test pool, and the model will point out the ones worth labelling.</source>
            <translation>把未标注的照片加入测试池，模型会指出值得标注的那些。</translation>
        </message>
        <message>
            <source>The model is least sure about these test photos, or they look like none of your classes. Labelling them teaches it the most: click the right class, “None of these”, or make a new class.</source>
            <translation>模型对这些测试照片最没把握，或者它们不像你的任何类别。标注它们最能教会模型：点击正确的类别、“都不是”，或者新建一个类别。</translation>
        </message>
        <message>
            <source>It is a {0}: move it into “{0}”</source>
            <translation>它是 {0}：把它移到“{0}”</translation>
        </message>
        <message>
            <source>None of these</source>
            <translation>都不是</translation>
        </message>
        <message>
            <source>It is none of these classes: leave it in the test pool and stop listing it here</source>
            <translation>它不属于这些类别中的任何一个：留在测试池中，不再在这里列出</translation>
        </message>
        <message>
            <source>Other…</source>
            <translation>其他…</translation>
        </message>
        <message>
            <source>New class…</source>
            <translation>新建类别…</translation>
        </message>
        <message>
            <source> or </source>
            <translation> 或 </translation>
        </message>
        <message>
            <source>Looks like none of your classes (closest: {0}). A new class?</source>
            <translation>不像你的任何类别（最接近：{0}）。要新建一个类别吗？</translation>
        </message>
    </context>
    <context>
        <name>BackboneMenu</name>
        <message>
            <source>Choose a base model file</source>
            <translation>选择基础模型文件</translation>
        </message>
        <message>
            <source>Base model files (*{0})</source>
            <translation>基础模型文件 (*{0})</translation>
        </message>
        <message>
            <source>Not a usable base model file</source>
            <translation>无法使用的基础模型文件</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/backbone_menu.py" line="24" />
            <source>The quickest, and as accurate as the others on our tests</source>
            <translation>最快，在我们的测试中与其他选项一样准确</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/backbone_menu.py" line="25" />
            <source>A little slower than Fast; about as accurate on our tests</source>
            <translation>比“快速”稍慢；在我们的测试中准确度相当</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/backbone_menu.py" line="26" />
            <source>Slower; looks at the photos in more detail, which may help with small details</source>
            <translation>较慢；更仔细地查看照片，可能有助于识别细节</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/backbone_menu.py" line="42" />
            <source>Fast or accurate</source>
            <translation>快速还是准确</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/backbone_menu.py" line="49" />
            <source>{0} (recommended)</source>
            <translation>{0}（推荐）</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/backbone_menu.py" line="52" />
            <source>{0}. Base model: {1}.</source>
            <translation>{0}。基础模型：{1}。</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/backbone_menu.py" line="57" />
            <source>Not installed: pip install "fewshot-studio[accurate]" (or {0})</source>
            <translation>未安装：pip install "fewshot-studio[accurate]"（或 {0}）</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/backbone_menu.py" line="63" />
            <location filename="../../fewshot_studio/gui/backbone_menu.py" line="74" />
            <source>Your own base model from a file…</source>
            <translation>从文件载入你自己的基础模型…</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/backbone_menu.py" line="64" />
            <source>A base model made with “fewshot-studio metatrain” (*.fewshot-backbone)</source>
            <translation>用“fewshot-studio metatrain”制作的基础模型（*.fewshot-backbone）</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/backbone_menu.py" line="77" />
            <source>Your own base model: {0}…</source>
            <translation>你自己的基础模型：{0}…</translation>
        </message>
    </context>
    <context>
        <name>BucketPanel</name>
        <message>
            <location filename="../../fewshot_studio/gui/buckets/bucket_panel.py" line="71" />
            <source>Classes — drop a few example images of each kind of picture</source>
            <translation>类别——为每种图片拖入几张示例照片</translation>
        </message>
    </context>
    <context>
        <name>BucketWidget</name>
        <message>
            <location filename="../../fewshot_studio/gui/buckets/bucket_widget.py" line="71" />
            <source>Add photos…</source>
            <translation>添加照片…</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/buckets/bucket_widget.py" line="72" />
            <source>Pick photos to add (or drag them here, or paste them with Ctrl+V)</source>
            <translation>选择要添加的照片（或拖到这里，或按 Ctrl+V 粘贴）</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/buckets/bucket_widget.py" line="75" />
            <source>Add folder…</source>
            <translation>添加文件夹…</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/buckets/bucket_widget.py" line="76" />
            <source>Add every photo in a folder (and its subfolders)</source>
            <translation>添加文件夹（及其子文件夹）中的所有照片</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/buckets/bucket_widget.py" line="81" />
            <source>Rename, merge or delete this class</source>
            <translation>重命名、合并或删除此类别</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/buckets/bucket_widget.py" line="91" />
            <source>Drop images you want predictions for (no label needed)</source>
            <translation>拖入想让模型判断的照片（无需标注）</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/buckets/bucket_widget.py" line="105" />
            <source>Test images</source>
            <translation>测试照片</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/buckets/bucket_widget.py" line="107" />
            <source>{0} photos</source>
            <translation>{0} 张照片</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/buckets/bucket_widget.py" line="107" />
            <source>1 photo</source>
            <translation>1 张照片</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/buckets/bucket_widget.py" line="134" />
            <source>Rename…</source>
            <translation>重命名…</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/buckets/bucket_widget.py" line="135" />
            <source>Merge into</source>
            <translation>合并到</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/buckets/bucket_widget.py" line="140" />
            <source>Take photos with the webcam…</source>
            <translation>用摄像头拍照…</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/buckets/bucket_widget.py" line="142" />
            <source>Delete class (keeps the files on disk)</source>
            <translation>删除类别（磁盘上的文件会保留）</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/buckets/bucket_widget.py" line="148" />
            <source>Open large</source>
            <translation>放大查看</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/buckets/bucket_widget.py" line="149" />
            <source>Move this photo to</source>
            <translation>把这张照片移到</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/buckets/bucket_widget.py" line="149" />
            <source>Move these {0} photos to</source>
            <translation>把这 {0} 张照片移到</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/buckets/bucket_widget.py" line="154" />
            <source>Remove this photo from the project</source>
            <translation>从项目中移除这张照片</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/buckets/bucket_widget.py" line="154" />
            <source>Remove these {0} photos from the project</source>
            <translation>从项目中移除这 {0} 张照片</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/buckets/bucket_widget.py" line="157" />
            <source>Show in folder</source>
            <translation>在文件夹中显示</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/buckets/bucket_widget.py" line="167" />
            <source>Add photos to “{0}”</source>
            <translation>向“{0}”添加照片</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/buckets/bucket_widget.py" line="174" />
            <source>Add a folder of photos to “{0}”</source>
            <translation>向“{0}”添加一个照片文件夹</translation>
        </message>
    </context>
    <context>
        <name>CameraDialog</name>
        <message>
            <source>1 photo saved.</source>
            <translation>已保存 1 张照片。</translation>
        </message>
        <message>
            <source>1 photo taken…</source>
            <translation>已拍 1 张照片…</translation>
        </message>
        <message>
            <source>Saving 1 photo…</source>
            <translation>正在保存 1 张照片…</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/camera.py" line="41" />
            <source>The webcam needs Qt Multimedia, which could not be loaded on this computer (install pyside6-addons, or the system's multimedia libraries: {0}).</source>
            <translation>摄像头功能需要 Qt Multimedia，但这台电脑上无法加载它（请安装 pyside6-addons 或系统的多媒体库：{0}）。</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/camera.py" line="45" />
            <source>No camera was found. Connect a webcam and open this again.</source>
            <translation>没有找到摄像头。请连接摄像头后再打开。</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/camera.py" line="102" />
            <source>Webcam</source>
            <translation>摄像头</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/camera.py" line="113" />
            <source>Take a photo</source>
            <translation>拍一张照片</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/camera.py" line="113" />
            <source>Hold to take photos</source>
            <translation>按住连续拍照</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/camera.py" line="119" />
            <source>Keep the button pressed: a photo every 0.2 s goes into “{0}”</source>
            <translation>按住按钮：每 0.2 秒拍一张照片放入“{0}”</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/camera.py" line="139" />
            <source>No webcam</source>
            <translation>没有摄像头</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/camera.py" line="143" />
            <source>Starting the camera…</source>
            <translation>正在启动摄像头…</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/camera.py" line="155" />
            <source>Point the camera at an example, then take photos.</source>
            <translation>把摄像头对准一个示例，然后拍照。</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/camera.py" line="166" />
            <source>{0} photos taken…</source>
            <translation>已拍 {0} 张…</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/camera.py" line="179" />
            <source>Saving {0} photos…</source>
            <translation>正在保存 {0} 张照片…</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/camera.py" line="183" />
            <source>{0} photos saved.</source>
            <translation>已保存 {0} 张照片。</translation>
        </message>
    </context>
    <context>
        <name>EmptyState</name>
        <message>
            <location filename="../../fewshot_studio/gui/empty_state.py" line="24" />
            <source>A small ready-made project of clothing photos</source>
            <translation>一个现成的小项目：服装照片</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/empty_state.py" line="27" />
            <source>A small ready-made project: {0} kinds of clothing, {1} examples each</source>
            <translation>一个现成的小项目：{0} 类服装，每类 {1} 个示例</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/empty_state.py" line="28" />
            <source>A small ready-made project: {0} kinds of clothing</source>
            <translation>一个现成的小项目：{0} 类服装</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/empty_state.py" line="43" />
            <source>Teach the computer to sort your pictures</source>
            <translation>教电脑给你的图片分类</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/empty_state.py" line="45" />
            <source>Make a class for each kind of picture and drop a few example images into each — the model learns as you go and shows how often it is right.</source>
            <translation>为每种图片建一个类别，并往每个类别里拖入几张示例照片——模型会边学边显示它有多准。</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/empty_state.py" line="58" />
            <source>Open demo</source>
            <translation>打开示例</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/empty_state.py" line="63" />
            <source>+ New class</source>
            <translation>+ 新建类别</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/empty_state.py" line="66" />
            <source>Open project…</source>
            <translation>打开项目…</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/empty_state.py" line="87" />
            <source>Recent projects</source>
            <translation>最近的项目</translation>
        </message>
    </context>
    <context>
        <name>ExportDialog</name>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/export_dialog.py" line="62" />
            <source>The exported model gives the same answers as the app</source>
            <translation>导出的模型与本应用给出的答案相同</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/export_dialog.py" line="63" />
            <source>The exported model does NOT give the same answers as the app</source>
            <translation>导出的模型与本应用给出的答案不同</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/export_dialog.py" line="64" />
            <source>{0} {1}: same class on {2} of {3} photos.</source>
            <translation>{0} {1}：{3} 张照片中有 {2} 张类别相同。</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/export_dialog.py" line="68" />
            <source>ONNX check: largest probability difference {0} (must be below {1}).</source>
            <translation>ONNX 检查：最大概率差为 {0}（须小于 {1}）。</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/export_dialog.py" line="78" />
            <source>Export the classifier</source>
            <translation>导出分类器</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/export_dialog.py" line="87" />
            <source>For Fewshot Studio on any computer, and Python scripts (.fewshot)</source>
            <translation>供任何电脑上的 Fewshot Studio 及 Python 脚本使用（.fewshot）</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/export_dialog.py" line="89" />
            <source>For other programs (.onnx)</source>
            <translation>供其他程序使用（.onnx）</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/export_dialog.py" line="90" />
            <source>An ONNX model: runs in other programs and programming languages, without this app</source>
            <translation>ONNX 模型：无需本应用即可在其他程序和编程语言中运行</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/export_dialog.py" line="98" />
            <source>Choose photos…</source>
            <translation>选择照片…</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/export_dialog.py" line="103" />
            <source>Classifier file:</source>
            <translation>分类器文件：</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/export_dialog.py" line="106" />
            <location filename="../../fewshot_studio/gui/dialogs/export_dialog.py" line="108" />
            <source>   Save as:</source>
            <translation>   保存为：</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/export_dialog.py" line="109" />
            <source>   Check on:</source>
            <translation>   检查用：</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/export_dialog.py" line="120" />
            <source>Export</source>
            <translation>导出</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/export_dialog.py" line="121" />
            <source>Stop</source>
            <translation>停止</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/export_dialog.py" line="139" />
            <source>{0}…</source>
            <translation>{0}…</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/export_dialog.py" line="142" />
            <source>Stopped; nothing more was written.</source>
            <translation>已停止；没有再写入任何内容。</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/export_dialog.py" line="157" />
            <source>{0} of your photos</source>
            <translation>你的 {0} 张照片</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/export_dialog.py" line="157" />
            <source>the demo photos that come with the app</source>
            <translation>应用自带的示例照片</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/export_dialog.py" line="160" />
            <source>Classifier file</source>
            <translation>分类器文件</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/export_dialog.py" line="160" />
            <source>Classifier (*.fewshot)</source>
            <translation>分类器（*.fewshot）</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/export_dialog.py" line="166" />
            <source>Save as</source>
            <translation>另存为</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/export_dialog.py" line="173" />
            <source>Photos to check the export on</source>
            <translation>用来检查导出结果的照片</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/export_dialog.py" line="185" />
            <source>Choose a classifier file.</source>
            <translation>请选择一个分类器文件。</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/export_dialog.py" line="185" />
            <source>Choose at least one kind of file to export.</source>
            <translation>请至少选择一种要导出的文件。</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/export_dialog.py" line="192" />
            <source>Exporting… (checking the exported model takes a little while)</source>
            <translation>正在导出…（检查导出的模型需要一点时间）</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/export_dialog.py" line="215" />
            <source>Saved {0}</source>
            <translation>已保存 {0}</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/export_dialog.py" line="217" />
            <source>Saved {0} ({1} MB)</source>
            <translation>已保存 {0}（{1} MB）</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/export_dialog.py" line="226" />
            <source>The export did not finish.</source>
            <translation>导出没有完成。</translation>
        </message>
    </context>
    <context>
        <name>FinetuneOption</name>
        <message>
            <location filename="../../fewshot_studio/gui/finetune_option.py" line="34" />
            <source>about {0} seconds</source>
            <translation>约 {0} 秒</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/finetune_option.py" line="37" />
            <source>about {0} minutes</source>
            <translation>约 {0} 分钟</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/finetune_option.py" line="37" />
            <source>about 1 minute</source>
            <translation>约 1 分钟</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/finetune_option.py" line="38" />
            <source>about {0} hours</source>
            <translation>约 {0} 小时</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/finetune_option.py" line="48" />
            <source>Fine-tune for best accuracy</source>
            <translation>精调以获得最高准确度</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/finetune_option.py" line="49" />
            <source>Also adjusts the last layers of the image network to your pictures. Usually a few points more accurate, but much slower than the default.</source>
            <translation>同时让图像网络的最后几层适应你的图片。通常会准确几个百分点，但比默认方式慢得多。</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/finetune_option.py" line="84" />
            <location filename="../../fewshot_studio/gui/finetune_option.py" line="86" />
            <source>(slower)</source>
            <translation>（较慢）</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/finetune_option.py" line="84" />
            <source>Slower; how much depends on the number of photos.</source>
            <translation>较慢；具体多慢取决于照片数量。</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/finetune_option.py" line="86" />
            <source>Slower; a time estimate appears after the first training.</source>
            <translation>较慢；第一次学习后会显示时间估计。</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/finetune_option.py" line="88" />
            <source>from a real run</source>
            <translation>根据实际运行</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/finetune_option.py" line="88" />
            <source>rough estimate</source>
            <translation>粗略估计</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/finetune_option.py" line="89" />
            <source>(slower: {0})</source>
            <translation>（较慢：{0}）</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/finetune_option.py" line="90" />
            <source>Slower: {0} per training on this computer ({1}).</source>
            <translation>较慢：在这台电脑上每次学习{0}（{1}）。</translation>
        </message>
    </context>
    <context>
        <name>GettingStarted</name>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/getting_started.py" line="15" />
            <source>1. Make a class for each kind of photo</source>
            <translation>1. 为每种照片建一个类别</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/getting_started.py" line="16" />
            <source>Click “+ New class”, or drop a folder on it: the folder's name becomes the class name. Add photos with “Add photos…”, “Add folder…”, by dragging them in, or with Ctrl+V.</source>
            <translation>点击“+ 新建类别”，或把文件夹拖到上面：文件夹名会成为类别名。用“添加照片…”“添加文件夹…”、拖入或 Ctrl+V 添加照片。</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/getting_started.py" line="17" />
            <source>2. Give each class a few examples</source>
            <translation>2. 给每个类别几个示例</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/getting_started.py" line="18" />
            <source>Five to twenty photos per class are enough to start. The model learns by itself after each change; photos it gets wrong are marked in red.</source>
            <translation>每个类别五到二十张照片就够开始了。每次更改后模型会自己学习；判断错的照片会用红色标出。</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/getting_started.py" line="19" />
            <source>3. See how often it is right, then use it</source>
            <translation>3. 看看它有多准，然后使用它</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/getting_started.py" line="20" />
            <source>The big number is checked on photos it did not learn from. “Try a photo” shows what it thinks of a new photo; File ▸ Label a folder sorts thousands of photos (and can be undone).</source>
            <translation>大数字是在它没学过的照片上检验得到的。“试一张照片”显示它对新照片的判断；“文件 ▸ 给一个文件夹的照片分类”可以整理成千上万张照片（并且可以撤销）。</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/getting_started.py" line="29" />
            <source>Getting started</source>
            <translation>入门指南</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/getting_started.py" line="31" />
            <source>Teach the computer to sort your pictures in three steps.</source>
            <translation>三步教电脑给你的图片分类。</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/getting_started.py" line="52" />
            <source>Open the demo (File ▸ Open demo) to see a finished project. This page is always in Help ▸ Getting started.</source>
            <translation>打开示例（文件 ▸ 打开示例）可以看到一个完成的项目。本页随时可在“帮助 ▸ 入门指南”中打开。</translation>
        </message>
    </context>
    <context>
        <name>JobRunner</name>
        <message>
            <location filename="../../fewshot_studio/gui/work/job_runner.py" line="125" />
            <source>about {0} s left</source>
            <translation>约剩 {0} 秒</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/work/job_runner.py" line="127" />
            <source>about {0} min left</source>
            <translation>约剩 {0} 分钟</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/work/job_runner.py" line="128" />
            <source>about {0} h left</source>
            <translation>约剩 {0} 小时</translation>
        </message>
    </context>
    <context>
        <name>LabelDialog</name>
        <message>
            <source>Done: 1 photo in {1} s</source>
            <translation>完成：1 张照片，用时 {1} 秒</translation>
        </message>
        <message>
            <source>Dry run: 1 photo checked, nothing was changed.</source>
            <translation>试运行：检查了 1 张照片，没有做任何改动。</translation>
        </message>
        <message>
            <source>Undone: 1 photo put back, {1} copies or shortcuts removed</source>
            <translation>已撤销：放回 1 张照片，删除了 {1} 个副本或快捷方式</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/label_dialog.py" line="45" />
            <source>Copy photos into a folder per class</source>
            <translation>把照片复制到每个类别的文件夹</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/label_dialog.py" line="46" />
            <source>Move photos into a folder per class (can be undone)</source>
            <translation>把照片移到每个类别的文件夹（可撤销）</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/label_dialog.py" line="47" />
            <source>Put shortcuts to the photos in a folder per class (takes no extra space)</source>
            <translation>在每个类别的文件夹中放照片的快捷方式（不占额外空间）</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/label_dialog.py" line="48" />
            <source>Only make a list of what each photo is (a spreadsheet file)</source>
            <translation>只生成一份每张照片类别的清单（表格文件）</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/label_dialog.py" line="51" />
            <source>The photos stay where they are; a copy of each goes into a folder named after its class.</source>
            <translation>照片留在原处；每张照片的副本放入以其类别命名的文件夹。</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/label_dialog.py" line="52" />
            <source>Each photo is moved into a folder named after its class. “Undo this sort” puts them all back.</source>
            <translation>每张照片会移入以其类别命名的文件夹。“撤销这次整理”可以把它们全部放回。</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/label_dialog.py" line="53" />
            <source>Symbolic links: the folders show the photos without copying them (not every program follows links).</source>
            <translation>符号链接：文件夹中显示照片但不复制（并非所有程序都支持链接）。</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/label_dialog.py" line="54" />
            <source>Writes labels.csv (path, class, confidence) in the results folder; no photo is copied or moved.</source>
            <translation>在结果文件夹中写入 labels.csv（路径、类别、置信度）；不复制也不移动任何照片。</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/label_dialog.py" line="63" />
            <source>Browse…</source>
            <translation>浏览…</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/label_dialog.py" line="79" />
            <source>unsure</source>
            <translation>不确定</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/label_dialog.py" line="79" />
            <source>unreadable</source>
            <translation>无法读取</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/label_dialog.py" line="80" />
            <source>could not be placed</source>
            <translation>无法放置</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/label_dialog.py" line="82" />
            <source>Dry run: {0} photos checked, nothing was changed.</source>
            <translation>试运行：检查了 {0} 张照片，没有做任何更改。</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/label_dialog.py" line="84" />
            <source>Done: {0} photos in {1} s</source>
            <translation>完成：{0} 张照片，用时 {1} 秒</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/label_dialog.py" line="85" />
            <source> ({0} per second)</source>
            <translation>（每秒 {0} 张）</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/label_dialog.py" line="86" />
            <source>; {0} were done by an earlier run.</source>
            <translation>；其中 {0} 张由之前的运行完成。</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/label_dialog.py" line="89" />
            <source>List of results: {0}</source>
            <translation>结果清单：{0}</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/label_dialog.py" line="91" />
            <source>To take this sort back, press “Undo this sort” (or later File ▸ Undo last sort).</source>
            <translation>要撤回这次整理，请按“撤销这次整理”（或以后用“文件 ▸ 撤销上次整理”）。</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/label_dialog.py" line="97" />
            <source>Undone: {0} photos put back, {1} copies or shortcuts removed</source>
            <translation>已撤销：放回 {0} 张照片，删除 {1} 个副本或快捷方式</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/label_dialog.py" line="98" />
            <source> ({0} were already undone).</source>
            <translation>（{0} 个此前已撤销）。</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/label_dialog.py" line="100" />
            <source>{0} left where they are, so that nothing is overwritten:</source>
            <translation>有 {0} 个保留在原处，以免覆盖任何文件：</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/label_dialog.py" line="101" />
            <source>{0} (its old place {1} is taken, or the copy was changed)</source>
            <translation>{0}（原位置 {1} 已被占用，或副本已被修改）</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/label_dialog.py" line="115" />
            <source>Label a folder of photos</source>
            <translation>给一个文件夹的照片分类</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/label_dialog.py" line="123" />
            <source>a .fewshot classifier file</source>
            <translation>一个 .fewshot 分类器文件</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/label_dialog.py" line="125" />
            <source>the folder of photos to label</source>
            <translation>要分类的照片文件夹</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/label_dialog.py" line="127" />
            <source>default: a new folder beside it, ending in -labelled</source>
            <translation>默认：在旁边新建一个以 -labelled 结尾的文件夹</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/label_dialog.py" line="128" />
            <source>Include subfolders</source>
            <translation>包括子文件夹</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/label_dialog.py" line="136" />
            <source>Photos the classifier is less sure about than this go to _unsure</source>
            <translation>分类器把握低于此值的照片会放入 _unsure</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/label_dialog.py" line="137" />
            <source>Only show what would happen (dry run)</source>
            <translation>只显示将会发生什么（试运行）</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/label_dialog.py" line="141" />
            <location filename="../../fewshot_studio/gui/dialogs/label_dialog.py" line="143" />
            <source>Classifier:</source>
            <translation>分类器：</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/label_dialog.py" line="143" />
            <source>the current one ({0})</source>
            <translation>当前的分类器（{0}）</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/label_dialog.py" line="144" />
            <source>Photos:</source>
            <translation>照片：</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/label_dialog.py" line="146" />
            <source>Results to:</source>
            <translation>结果放到：</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/label_dialog.py" line="147" />
            <source>What to do:</source>
            <translation>要做什么：</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/label_dialog.py" line="148" />
            <source>Unsure below:</source>
            <translation>不确定的阈值：</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/label_dialog.py" line="158" />
            <source>A summary appears here when the photos are labelled.</source>
            <translation>照片分类完成后，这里会显示摘要。</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/label_dialog.py" line="161" />
            <source>Start</source>
            <translation>开始</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/label_dialog.py" line="162" />
            <source>Stop</source>
            <translation>停止</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/label_dialog.py" line="163" />
            <source>Open results folder</source>
            <translation>打开结果文件夹</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/label_dialog.py" line="164" />
            <source>Undo this sort</source>
            <translation>撤销这次整理</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/label_dialog.py" line="165" />
            <source>Put every moved photo back and remove the copies and shortcuts this sort made (the same as “fewshot-studio undo” on the command line)</source>
            <translation>把所有移动过的照片放回原处，并删除这次整理产生的副本和快捷方式（与命令行的“fewshot-studio undo”相同）</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/label_dialog.py" line="209" />
            <source>{0} classes: {1}{2}</source>
            <translation>{0} 个类别：{1}{2}</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/label_dialog.py" line="213" />
            <source>Classifier file</source>
            <translation>分类器文件</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/label_dialog.py" line="213" />
            <source>Classifier (*.fewshot)</source>
            <translation>分类器（*.fewshot）</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/label_dialog.py" line="219" />
            <source>Folder of photos</source>
            <translation>照片文件夹</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/label_dialog.py" line="224" />
            <source>Where the results go</source>
            <translation>结果放在哪里</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/label_dialog.py" line="230" />
            <source>There is no results folder yet.</source>
            <translation>还没有结果文件夹。</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/label_dialog.py" line="232" />
            <source>No file manager could be opened here. The results are in {0}</source>
            <translation>这里无法打开文件管理器。结果在 {0}</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/label_dialog.py" line="244" />
            <source>Choose a classifier file.</source>
            <translation>请选择一个分类器文件。</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/label_dialog.py" line="244" />
            <source>Choose the folder of photos.</source>
            <translation>请选择照片文件夹。</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/label_dialog.py" line="245" />
            <source>{0} is not a folder.</source>
            <translation>{0} 不是文件夹。</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/label_dialog.py" line="251" />
            <source>Starting… (loading the classifier)</source>
            <translation>正在开始…（加载分类器）</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/label_dialog.py" line="267" />
            <source>Putting the photos back…</source>
            <translation>正在放回照片…</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/label_dialog.py" line="278" />
            <source>Close</source>
            <translation>关闭</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/label_dialog.py" line="284" />
            <source>{0}: {1} of {2}</source>
            <translation>{0}：{1} / {2}</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/label_dialog.py" line="299" />
            <source>Dry run finished.</source>
            <translation>试运行完成。</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/label_dialog.py" line="299" />
            <source>Finished.</source>
            <translation>完成。</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/label_dialog.py" line="314" />
            <source>Undone, except for the photos listed below.</source>
            <translation>已撤销，下面列出的照片除外。</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/label_dialog.py" line="317" />
            <source>Undone: the folder is as it was before the sort.</source>
            <translation>已撤销：文件夹已恢复到整理之前的样子。</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/label_dialog.py" line="325" />
            <source>Stopped by a problem.</source>
            <translation>因问题而停止。</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/label_dialog.py" line="329" />
            <source>Stopped. Nothing is lost: press Start again to continue where it stopped.</source>
            <translation>已停止。没有丢失任何东西：再按“开始”会从停下的地方继续。</translation>
        </message>
        <message>
            <source>none of these</source>
            <translation>都不是</translation>
        </message>
        <message>
            <source>Photos that look less like your classes than this go to _unknown (“None of these”); 0 % turns it off</source>
            <translation>与你的类别相似度低于此值的照片放入 _unknown（“都不是”）；0 % 表示关闭</translation>
        </message>
        <message>
            <source>None of these below:</source>
            <translation>“都不是”的阈值：</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Found the missing photo.</source>
            <translation>缺失的照片找到了。</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/main_window.py" line="92" />
            <source>New</source>
            <translation>新建</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/main_window.py" line="92" />
            <source>Start a new, empty project</source>
            <translation>新建一个空项目</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/main_window.py" line="93" />
            <source>Open…</source>
            <translation>打开…</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/main_window.py" line="94" />
            <source>Open demo</source>
            <translation>打开示例</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/main_window.py" line="94" />
            <source>Open the built-in demo project</source>
            <translation>打开内置的示例项目</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/main_window.py" line="96" />
            <source>Save</source>
            <translation>保存</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/main_window.py" line="97" />
            <source>Save as…</source>
            <translation>另存为…</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/main_window.py" line="98" />
            <source>Save as portable project…</source>
            <translation>另存为便携项目…</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/main_window.py" line="99" />
            <source>One file that holds the project and its photos, to open on another computer</source>
            <translation>一个包含项目及其照片的文件，可在另一台电脑上打开</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/main_window.py" line="100" />
            <source>Quit</source>
            <translation>退出</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/main_window.py" line="102" />
            <location filename="../../fewshot_studio/gui/main_window.py" line="108" />
            <source>Undo</source>
            <translation>撤销</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/main_window.py" line="104" />
            <location filename="../../fewshot_studio/gui/main_window.py" line="110" />
            <source>Redo</source>
            <translation>重做</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/main_window.py" line="112" />
            <source>New class</source>
            <translation>新建类别</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/main_window.py" line="113" />
            <source>Paste photos</source>
            <translation>粘贴照片</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/main_window.py" line="114" />
            <source>Add the photos (or the picture) on the clipboard to the selected class</source>
            <translation>把剪贴板上的照片（或图片）添加到选中的类别</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/main_window.py" line="115" />
            <source>Delete</source>
            <translation>删除</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/main_window.py" line="116" />
            <source>Remove the selected photos from the project (the files stay on disk)</source>
            <translation>从项目中移除选中的照片（文件仍保留在磁盘上）</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/main_window.py" line="117" />
            <source>Learn now</source>
            <translation>立即学习</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/main_window.py" line="117" />
            <source>Learn from the photos in the classes now</source>
            <translation>现在就从各类别的照片中学习</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/main_window.py" line="118" />
            <source>Stop learning</source>
            <translation>停止学习</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/main_window.py" line="118" />
            <source>Stop learning (your photos stay as they are)</source>
            <translation>停止学习（你的照片保持不变）</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/main_window.py" line="119" />
            <source>Export for other programs…</source>
            <translation>导出给其他程序…</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/main_window.py" line="120" />
            <source>Save what the model learned as a file, for this app on another computer, Python scripts or other programs (.fewshot, ONNX)</source>
            <translation>把模型学到的内容保存为文件，供其他电脑上的本应用、Python 脚本或其他程序使用（.fewshot、ONNX）</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/main_window.py" line="122" />
            <source>Label a folder of photos…</source>
            <translation>给一个文件夹的照片分类…</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/main_window.py" line="122" />
            <source>Sort a folder of new photos with the classifier</source>
            <translation>用分类器整理一个文件夹的新照片</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/main_window.py" line="123" />
            <source>Try a photo…</source>
            <translation>试一张照片…</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/main_window.py" line="124" />
            <source>Show the model one photo (drop, paste, open or the webcam) and see what it thinks, without adding it to the project</source>
            <translation>给模型看一张照片（拖入、粘贴、打开或用摄像头），看看它怎么判断，照片不会加入项目</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/main_window.py" line="125" />
            <source>Getting started</source>
            <translation>入门指南</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/main_window.py" line="126" />
            <source>Three steps to your first classifier</source>
            <translation>三步做出你的第一个分类器</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/main_window.py" line="127" />
            <source>Undo last sort…</source>
            <translation>撤销上次整理…</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/main_window.py" line="128" />
            <source>Put back the photos the last “Label a folder” run moved, and remove the copies it made</source>
            <translation>把上次“给文件夹分类”移动的照片放回原处，并删除它复制的文件</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/main_window.py" line="129" />
            <source>About Fewshot Studio</source>
            <translation>关于 Fewshot Studio</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/main_window.py" line="130" />
            <source>Learn automatically after each change</source>
            <translation>每次更改后自动学习</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/main_window.py" line="135" />
            <source>&amp;File</source>
            <translation>文件(&amp;F)</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/main_window.py" line="138" />
            <source>Open recent</source>
            <translation>最近打开</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/main_window.py" line="149" />
            <source>&amp;Edit</source>
            <translation>编辑(&amp;E)</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/main_window.py" line="155" />
            <source>&amp;Model</source>
            <translation>模型(&amp;M)</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/main_window.py" line="161" />
            <source>&amp;Help</source>
            <translation>帮助(&amp;H)</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/main_window.py" line="163" />
            <source>Language</source>
            <translation>语言</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/main_window.py" line="167" />
            <source>Main</source>
            <translation>主工具栏</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/main_window.py" line="198" />
            <source>The language changes the next time Fewshot Studio starts.</source>
            <translation>下次启动 Fewshot Studio 时将切换语言。</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/main_window.py" line="205" />
            <source>{0}: {1}</source>
            <translation>{0}：{1}</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/main_window.py" line="205" />
            <source>Nothing to do</source>
            <translation>没有可执行的操作</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/main_window.py" line="230" />
            <source>The pasted picture could not be saved: {0}</source>
            <translation>粘贴的图片无法保存：{0}</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/main_window.py" line="233" />
            <source>There are no photos on the clipboard to paste.</source>
            <translation>剪贴板上没有可粘贴的照片。</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/main_window.py" line="270" />
            <source>No file manager could be opened here. The photo is in {0}</source>
            <translation>这里无法打开文件管理器。照片在 {0}</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/main_window.py" line="305" />
            <source>There is no sort to undo (or it was undone already).</source>
            <translation>没有可撤销的整理（或已经撤销过了）。</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/main_window.py" line="378" />
            <source>Locate…</source>
            <translation>查找…</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/main_window.py" line="379" />
            <source>Remove them from the project</source>
            <translation>从项目中移除它们</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/main_window.py" line="389" />
            <source>Where are the missing photos now?</source>
            <translation>缺失的照片现在在哪里？</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/main_window.py" line="398" />
            <source>Found {0}; {1} photos are still missing.</source>
            <translation>找到了 {0} 张；还有 {1} 张缺失。</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/main_window.py" line="398" />
            <source>Found {0}; 1 photo is still missing.</source>
            <translation>找到了 {0} 张；还有 1 张缺失。</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/main_window.py" line="400" />
            <source>Found all {0} missing photos.</source>
            <translation>缺失的 {0} 张照片都找到了。</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/main_window.py" line="451" />
            <source>The base model file {0} could not be found, so this project now uses the {1} model. Choose the file again in Model ▸ Fast or accurate if you have it.</source>
            <translation>找不到基础模型文件 {0}，所以这个项目现在使用“{1}”模型。如果你有这个文件，请在“模型 ▸ 快速还是准确”中重新选择。</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/main_window.py" line="490" />
            <source>Add images to at least two classes to start learning</source>
            <translation>请至少给两个类别添加照片来开始学习</translation>
        </message>
    </context>
    <context>
        <name>NewClassZone</name>
        <message>
            <location filename="../../fewshot_studio/gui/buckets/bucket_widget.py" line="194" />
            <source>+ New class</source>
            <translation>+ 新建类别</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/buckets/bucket_widget.py" line="196" />
            <source>Drop images or a folder here (a folder's name becomes the class name), or click</source>
            <translation>把照片或文件夹拖到这里（文件夹名会成为类别名），或点击</translation>
        </message>
    </context>
    <context>
        <name>Notice</name>
        <message>
            <location filename="../../fewshot_studio/gui/notices.py" line="46" />
            <location filename="../../fewshot_studio/gui/notices.py" line="68" />
            <source>Show details</source>
            <translation>显示详情</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/notices.py" line="57" />
            <source>Dismiss</source>
            <translation>关闭提示</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/notices.py" line="68" />
            <source>Hide details</source>
            <translation>隐藏详情</translation>
        </message>
    </context>
    <context>
        <name>PhotoViewer</name>
        <message>
            <source>The model could not look at it: {0}</source>
            <translation>模型无法查看这张照片：{0}</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/photo_viewer.py" line="113" />
            <source>What the model thinks:</source>
            <translation>模型的判断：</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/photo_viewer.py" line="126" />
            <source>This photo cannot be shown (moved, deleted or not an image).</source>
            <translation>无法显示这张照片（已移动、已删除或不是图片）。</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/photo_viewer.py" line="138" />
            <source>No model yet: once two classes have photos, it learns and shows its guess here.</source>
            <translation>还没有模型：当两个类别都有照片后，它会学习并在这里显示判断。</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/photo_viewer.py" line="147" />
            <source>Asking the model…</source>
            <translation>正在询问模型…</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/photo_viewer.py" line="162" />
            <source>The model could not read this photo.</source>
            <translation>模型无法读取这张照片。</translation>
        </message>
    </context>
    <context>
        <name>PredictionsView</name>
        <message>
            <source>All predictions</source>
            <translation>全部判断结果</translation>
        </message>
        <message>
            <source>Photos it did not learn from (class known)</source>
            <translation>它没有学过的照片（类别已知）</translation>
        </message>
        <message>
            <source>Test photos</source>
            <translation>测试照片</translation>
        </message>
        <message>
            <source>Mistakes</source>
            <translation>错误</translation>
        </message>
        <message>
            <source>Unsure</source>
            <translation>不确定</translation>
        </message>
        <message>
            <source>None of these</source>
            <translation>都不是</translation>
        </message>
        <message>
            <source>None of these — looks like no class (closest: {0})</source>
            <translation>都不是 — 不像任何类别（最接近：{0}）</translation>
        </message>
        <message>
            <source> — unsure</source>
            <translation> — 不确定</translation>
        </message>
        <message>
            <source>right</source>
            <translation>正确</translation>
        </message>
        <message>
            <source>wrong, it is “{0}”</source>
            <translation>错误，它是“{0}”</translation>
        </message>
        <message>
            <source>{0}
Looks like the taught classes: {1} %</source>
            <translation>{0}
与已教类别的相似度：{1} %</translation>
        </message>
        <message>
            <source>test photo</source>
            <translation>测试照片</translation>
        </message>
        <message>
            <source>checked, labelled “{0}”</source>
            <translation>已检查，标注为“{0}”</translation>
        </message>
        <message>
            <source>Drag a photo onto a class to label it</source>
            <translation>把照片拖到某个类别上即可标注</translation>
        </message>
    </context>
    <context>
        <name>ProjectEditor</name>
        <message>
            <location filename="../../fewshot_studio/gui/project/project_editor.py" line="73" />
            <source>The class was deleted before its images were added.</source>
            <translation>在添加照片之前，这个类别已被删除。</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/project/project_editor.py" line="84" />
            <source>New class from dropped images</source>
            <translation>用拖入的照片新建类别</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/project/project_editor.py" line="105" />
            <source>{0} files were skipped (not usable images)</source>
            <translation>跳过了 {0} 个文件（不是可用的照片）</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/project/project_editor.py" line="105" />
            <source>1 file was skipped (not usable images)</source>
            <translation>跳过了 1 个文件（不是可用的照片）</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/project/project_editor.py" line="108" />
            <source>{0} already in the project</source>
            <translation>{0} 张已在项目中</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/project/project_editor.py" line="111" />
            <source>{0} look identical to images already in the project</source>
            <translation>{0} 张与项目中已有的照片看起来完全相同</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/project/project_editor.py" line="111" />
            <source>1 looks identical to an image already in the project</source>
            <translation>1 张与项目中已有的照片看起来完全相同</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/project/project_editor.py" line="114" />
            <source>Added {0} images. </source>
            <translation>已添加 {0} 张照片。</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/project/project_editor.py" line="114" />
            <source>Added 1 image. </source>
            <translation>已添加 1 张照片。</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/project/project_editor.py" line="128" />
            <source>New class</source>
            <translation>新建类别</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/project/project_editor.py" line="141" />
            <source>A class needs a name.</source>
            <translation>类别需要一个名字。</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/project/project_editor.py" line="141" />
            <source>There is already a class called “{0}”.</source>
            <translation>已经有一个叫“{0}”的类别了。</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/project/project_editor.py" line="162" />
            <source>Remove {0} missing images</source>
            <translation>移除 {0} 张缺失的照片</translation>
        </message>
    </context>
    <context>
        <name>ProjectSession</name>
        <message>
            <source>Saved, but 1 photo was not found and could not go into the portable file.</source>
            <translation>已保存，但有 1 张照片找不到，没能放进便携文件。</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/project/project_session.py" line="65" />
            <source>Autosave failed: {0}</source>
            <translation>自动保存失败：{0}</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/project/project_session.py" line="68" />
            <source>Untitled project</source>
            <translation>未命名项目</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/project/project_session.py" line="69" />
            <source>{0}{1} — Fewshot Studio</source>
            <translation>{0}{1} — Fewshot Studio</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/project/project_session.py" line="102" />
            <source>{0} images of this project could not be found (moved, renamed or on a drive that is not connected). They are left out of training until they are back.</source>
            <translation>这个项目有 {0} 张照片找不到（已移动、重命名，或在未连接的磁盘上）。在它们回来之前，学习时会跳过它们。</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/project/project_session.py" line="102" />
            <source>1 image of this project could not be found (moved, renamed or on a drive that is not connected). It is left out of training until it is back.</source>
            <translation>这个项目有 1 张照片找不到（已移动、重命名，或在未连接的磁盘上）。在它回来之前，学习时会跳过它。</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/project/project_session.py" line="110" />
            <source>Open project</source>
            <translation>打开项目</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/project/project_session.py" line="123" />
            <source>The autosave could not be restored: {0}</source>
            <translation>无法恢复自动保存：{0}</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/project/project_session.py" line="130" />
            <source>Your unsaved work from the last session was restored. Save it to keep it.</source>
            <translation>上次未保存的工作已恢复。请保存以保留它。</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/project/project_session.py" line="141" />
            <source>My classifier</source>
            <translation>我的分类器</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/project/project_session.py" line="144" />
            <source>Save as portable project (with the photos)</source>
            <translation>另存为便携项目（包含照片）</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/project/project_session.py" line="153" />
            <location filename="../../fewshot_studio/gui/project/project_session.py" line="155" />
            <source>My classifier{0}</source>
            <translation>我的分类器{0}</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/project/project_session.py" line="156" />
            <source>Save project as</source>
            <translation>项目另存为</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/project/project_session.py" line="172" />
            <source>The project could not be saved: {0}</source>
            <translation>项目无法保存：{0}</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/project/project_session.py" line="176" />
            <source>Saved, but {0} photos were not found and could not go into the portable file.</source>
            <translation>已保存，但有 {0} 张照片找不到，无法放入便携文件。</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/project/project_session.py" line="202" />
            <source>Unsaved changes</source>
            <translation>未保存的更改</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/project/project_session.py" line="202" />
            <source>Save your changes to this project first?</source>
            <translation>要先保存对这个项目的更改吗？</translation>
        </message>
        <message>
            <source> It was kept as {0}.</source>
            <translation>它已保留为 {0}。</translation>
        </message>
        <message>
            <source>1 autosave file could not be used (damaged) and was set aside, not deleted.</source>
            <translation>有 1 个自动保存文件无法使用（已损坏），已放到一边保留，没有删除。</translation>
        </message>
        <message>
            <source>{0} autosave files could not be used (damaged) and were set aside, not deleted.</source>
            <translation>有 {0} 个自动保存文件无法使用（已损坏），已放到一边保留，没有删除。</translation>
        </message>
        <message>
            <source>an untitled project</source>
            <translation>未命名项目</translation>
        </message>
        <message>
            <source>earlier</source>
            <translation>之前</translation>
        </message>
        <message>
            <source>Restore unsaved work?</source>
            <translation>恢复未保存的工作？</translation>
        </message>
        <message>
            <source>Fewshot Studio did not close properly last time. Restore the unsaved changes to {0} (autosaved {1})?</source>
            <translation>Fewshot Studio 上次没有正常关闭。要恢复对“{0}”未保存的更改吗（自动保存于 {1}）？</translation>
        </message>
    </context>
    <context>
        <name>ResultsPanel</name>
        <message>
            <location filename="../../fewshot_studio/gui/results/results_panel.py" line="38" />
            <source>Rows: the class you gave · Columns: what the model said · Click a cell to see its images</source>
            <translation>行：你给的类别 · 列：模型的判断 · 点击单元格查看照片</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/results/results_panel.py" line="43" />
            <source>Confusion</source>
            <translation>混淆矩阵</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/results/results_panel.py" line="56" />
            <source>Show all predictions again</source>
            <translation>重新显示全部判断</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/results/results_panel.py" line="64" />
            <source>Predictions</source>
            <translation>判断结果</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/results/results_panel.py" line="67" />
            <location filename="../../fewshot_studio/gui/results/results_panel.py" line="83" />
            <source>Mistakes</source>
            <translation>错误</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/results/results_panel.py" line="69" />
            <source>Label these next</source>
            <translation>接下来标注这些</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/results/results_panel.py" line="71" />
            <location filename="../../fewshot_studio/gui/results/results_panel.py" line="85" />
            <source>Warnings</source>
            <translation>提醒</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/results/results_panel.py" line="83" />
            <source>Mistakes ({0})</source>
            <translation>错误（{0}）</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/results/results_panel.py" line="85" />
            <source>Warnings ({0})</source>
            <translation>提醒（{0}）</translation>
        </message>
        <message>
            <source>Photos in the test pool help the model learn: it uses the ones that look like your classes and leaves out the ones that look like none of them (“None of these”).</source>
            <translation>测试池中的照片也会帮助模型学习：它使用看起来像你的类别的照片，略过哪个类别都不像的照片（“都不是”）。</translation>
        </message>
    </context>
    <context>
        <name>StatusBar</name>
        <message>
            <location filename="../../fewshot_studio/gui/status_bar.py" line="15" />
            <source>Model up to date</source>
            <translation>模型已是最新</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/status_bar.py" line="16" />
            <source>Model updating</source>
            <translation>模型更新中</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/status_bar.py" line="17" />
            <source>Model out of date</source>
            <translation>模型已过时</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/status_bar.py" line="18" />
            <source>Training failed</source>
            <translation>学习失败</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/status_bar.py" line="19" />
            <source>No model yet</source>
            <translation>还没有模型</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/status_bar.py" line="29" />
            <source>Where the learning runs; known once it starts</source>
            <translation>学习在哪里运行；开始后才知道</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/status_bar.py" line="44" />
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/status_bar.py" line="45" />
            <source>Stop learning (your images stay as they are)</source>
            <translation>停止学习（你的照片保持不变）</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/status_bar.py" line="55" />
            <source>Add images to at least two classes</source>
            <translation>请至少给两个类别添加照片</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/status_bar.py" line="63" />
            <source>Model: {0}</source>
            <translation>模型：{0}</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/status_bar.py" line="69" />
            <source>{0} in {1} · {2}</source>
            <translation>{0}，{1} · {2}</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/status_bar.py" line="70" />
            <source>{0} photos</source>
            <translation>{0} 张照片</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/status_bar.py" line="70" />
            <source>1 photo</source>
            <translation>1 张照片</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/status_bar.py" line="71" />
            <source>{0} classes</source>
            <translation>{0} 个类别</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/status_bar.py" line="71" />
            <source>1 class</source>
            <translation>1 个类别</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/status_bar.py" line="72" />
            <source>{0} test photos</source>
            <translation>{0} 张测试照片</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/status_bar.py" line="72" />
            <source>1 test photo</source>
            <translation>1 张测试照片</translation>
        </message>
    </context>
    <context>
        <name>SummaryView</name>
        <message>
            <source>. Only 1 photo to check on: add more to each class for a figure that means much</source>
            <translation>。只有 1 张照片可供检查：请给每个类别多加一些照片，这个数字才有意义</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/results/summary_view.py" line="34" />
            <source>Class</source>
            <translation>类别</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/results/summary_view.py" line="34" />
            <source>Right</source>
            <translation>正确率</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/results/summary_view.py" line="34" />
            <source>Checked on</source>
            <translation>检验张数</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/results/summary_view.py" line="35" />
            <source>How often the model was right on this class's photos that it did not learn from</source>
            <translation>模型在这个类别中未学过的照片上判断正确的比例</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/results/summary_view.py" line="54" />
            <source>No model yet</source>
            <translation>还没有模型</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/results/summary_view.py" line="56" />
            <source>Once two classes have photos, the model learns (or press Learn now) and shows here how well it does on photos it did not learn from.</source>
            <translation>当两个类别都有照片后，模型会开始学习（或按“立即学习”），并在这里显示它在未学过的照片上表现如何。</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/results/summary_view.py" line="60" />
            <source>{0} correct</source>
            <translation>{0} 正确</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/results/summary_view.py" line="66" />
            <source>Not checked yet: add at least two photos to each class.</source>
            <translation>尚未检验：请给每个类别至少添加两张照片。</translation>
        </message>
        <message>
            <source>How many of this class's photos were checked, each by a model that did not learn from it</source>
            <translation>该类别有多少张照片被检查过，每张都由没有学过它的模型检查</translation>
        </message>
        <message>
            <source>Each of your photos was checked by a model that did not learn from it.</source>
            <translation>你的每张照片都由没有学过它的模型检查。</translation>
        </message>
        <message>
            <source>Not checked: {0} (one photo only).</source>
            <translation>未检查：{0}（只有一张照片）。</translation>
        </message>
        <message>
            <source>{0} of {1} test photos look like none of your classes (“None of these”).</source>
            <translation>{1} 张测试照片中有 {0} 张不像你的任何类别（“都不是”）。</translation>
        </message>
        <message>
            <source>Every test photo looks like one of your classes.</source>
            <translation>每张测试照片都像你的某个类别。</translation>
        </message>
        <message>
            <source>{0} of {1}</source>
            <translation>{1} 张中 {0} 张</translation>
        </message>
        <message>
            <source>{0} of {1} right — {2} % (likely {3}–{4} %)</source>
            <translation>{1} 张中对了 {0} 张 — {2} %（可能在 {3}–{4} % 之间）</translation>
        </message>
        <message>
            <source>. Only {0} photos to check on: add more to each class for a figure that means much</source>
            <translation>。只有 {0} 张照片可供检查：给每个类别多加一些照片，这个数字才更有意义</translation>
        </message>
    </context>
    <context>
        <name>ThresholdControl</name>
        <message>
            <location filename="../../fewshot_studio/gui/results/threshold_control.py" line="22" />
            <source>Unsure below</source>
            <translation>低于此值为“不确定”</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/results/threshold_control.py" line="27" />
            <source>Predictions with a confidence below this are marked “unsure”</source>
            <translation>置信度低于此值的判断会标为“不确定”</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/results/threshold_control.py" line="57" />
            <source>Train first: then this shows how many predictions a change affects.</source>
            <translation>请先学习：之后这里会显示改动会影响多少个判断。</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/results/threshold_control.py" line="61" />
            <source>{0} of {1} predictions are unsure.</source>
            <translation>{1} 个判断中有 {0} 个不确定。</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/results/threshold_control.py" line="64" />
            <source>At {0} %, {1} predictions would change ({2} → {3} unsure of {4}). Release to apply.</source>
            <translation>设为 {0} % 时，会有 {1} 个判断改变（{4} 个中不确定的从 {2} 变为 {3}）。松开即生效。</translation>
        </message>
    </context>
    <context>
        <name>ThumbnailDelegate</name>
        <message>
            <source>None of these</source>
            <translation>都不是</translation>
        </message>
    </context>
    <context>
        <name>TrainingController</name>
        <message>
            <source>Training failed: {0}</source>
            <translation>学习失败：{0}</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/work/training_worker.py" line="46" />
            <source>learned from {0} photos in under a second</source>
            <translation>从 {0} 张照片中学习，用时不到一秒</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/work/training_worker.py" line="47" />
            <source>learned from {0} photos in {1} s</source>
            <translation>从 {0} 张照片中学习，用时 {1} 秒</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/work/training_worker.py" line="238" />
            <source>Out of date: press Learn now to learn your changes</source>
            <translation>已过时：按“立即学习”来学习你的更改</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/work/training_worker.py" line="242" />
            <source>Restarting with your latest changes…</source>
            <translation>正在用你的最新更改重新开始…</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/work/training_worker.py" line="244" />
            <location filename="../../fewshot_studio/gui/work/training_worker.py" line="324" />
            <source>Out of date: your changes are not learned yet</source>
            <translation>已过时：你的更改还没有学习</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/work/training_worker.py" line="265" />
            <source>Learning from {0} photos…</source>
            <translation>正在从 {0} 张照片中学习…</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/work/training_worker.py" line="310" />
            <source>Out of date: you changed the images while it was learning</source>
            <translation>已过时：学习期间你更改了照片</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/work/training_worker.py" line="326" />
            <source>Stopped: press Learn now to learn your latest changes</source>
            <translation>已停止：按“立即学习”来学习你的最新更改</translation>
        </message>
    </context>
    <context>
        <name>TryPhotoDialog</name>
        <message>
            <source>The pasted picture could not be read: {0}</source>
            <translation>粘贴的图片无法读取：{0}</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/try_photo.py" line="27" />
            <location filename="../../fewshot_studio/gui/dialogs/try_photo.py" line="50" />
            <source>Try a photo</source>
            <translation>试一张照片</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/try_photo.py" line="30" />
            <source>Drop a photo here, paste one (Ctrl+V), or open one.
It is only shown to the model, not added to your project.</source>
            <translation>把照片拖到这里、粘贴（Ctrl+V）或打开一张。
照片只给模型看，不会加入你的项目。</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/try_photo.py" line="33" />
            <source>Open a photo…</source>
            <translation>打开照片…</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/try_photo.py" line="35" />
            <source>Webcam…</source>
            <translation>摄像头…</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/try_photo.py" line="36" />
            <source>Take one photo with the webcam and try it</source>
            <translation>用摄像头拍一张照片来试试</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/try_photo.py" line="41" />
            <source>No model yet: once two classes have photos, it learns and you can try photos here.</source>
            <translation>还没有模型：当两个类别都有照片后，它会学习，然后你就可以在这里试照片。</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/dialogs/try_photo.py" line="71" />
            <source>There is no photo on the clipboard.</source>
            <translation>剪贴板上没有照片。</translation>
        </message>
    </context>
    <context>
        <name>UnknownControl</name>
        <message>
            <source>At {0} %, 1 test photo would change ({2} → {3} “None of these” of {4}). Release to apply.</source>
            <translation>在 {0} % 时，会有 1 张测试照片改变（“都不是”从 {2} 变为 {3}，共 {4} 张）。松开即可应用。</translation>
        </message>
        <message>
            <source>None of these below</source>
            <translation>低于此值为“都不是”</translation>
        </message>
        <message>
            <source>Test photos that look less like your classes than this are marked “None of these” instead of getting a class. At 5 %, about 1 in 20 photos of your own classes would be.</source>
            <translation>与你的类别相似度低于此值的测试照片标为“都不是”，而不归入某个类别。设为 5 % 时，你自己类别的照片约每 20 张中有 1 张会被这样标记。</translation>
        </message>
        <message>
            <source>Train first: then this shows how many test photos look like none of your classes.</source>
            <translation>请先训练：之后这里会显示有多少测试照片不像你的任何类别。</translation>
        </message>
        <message>
            <source>Add photos to the test pool: then this shows how many look like none of your classes.</source>
            <translation>请向测试池添加照片：之后这里会显示有多少张不像你的任何类别。</translation>
        </message>
        <message>
            <source>{0} of {1} test photos look like none of your classes.</source>
            <translation>{1} 张测试照片中有 {0} 张不像你的任何类别。</translation>
        </message>
        <message>
            <source>At {0} %, {1} test photos would change ({2} → {3} “None of these” of {4}). Release to apply.</source>
            <translation>设为 {0} % 时，有 {1} 张测试照片会改变（{4} 张中“都不是”从 {2} 变为 {3}）。松开即可应用。</translation>
        </message>
    </context>
    <context>
        <name>WarningsView</name>
        <message>
            <location filename="../../fewshot_studio/gui/results/warnings_view.py" line="43" />
            <source>Warnings about your images appear here after training.</source>
            <translation>学习之后，关于你的照片的提醒会显示在这里。</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/results/warnings_view.py" line="46" />
            <source>Nothing to worry about: no tiny classes, no big imbalance, no duplicates found.</source>
            <translation>一切正常：没有过小的类别，没有严重的不平衡，也没有重复照片。</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/results/warnings_view.py" line="48" />
            <source>Things that can make the model or its accuracy misleading:</source>
            <translation>可能让模型或其准确度产生误导的情况：</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/results/warnings_view.py" line="53" />
            <source> and {0} more</source>
            <translation> 等另外 {0} 张</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/results/warnings_view.py" line="54" />
            <source>{0} image(s) could not be read and were left out: {1}{2}.</source>
            <translation>有 {0} 张照片无法读取，已被略过：{1}{2}。</translation>
        </message>
    </context>
    <context>
        <name>commands</name>
        <message>
            <location filename="../../fewshot_studio/gui/project/commands.py" line="20" />
            <source>1 image</source>
            <translation>1 张照片</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/project/commands.py" line="20" />
            <source>{0} images</source>
            <translation>{0} 张照片</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/project/commands.py" line="21" />
            <source>1 missing image</source>
            <translation>1 张缺失的照片</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/project/commands.py" line="21" />
            <source>{0} missing images</source>
            <translation>{0} 张缺失的照片</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/project/commands.py" line="149" />
            <source>Add {0} to “{1}”</source>
            <translation>向“{1}”添加 {0}</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/project/commands.py" line="153" />
            <source>Remove {0} from “{1}”</source>
            <translation>从“{1}”移除 {0}</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/project/commands.py" line="158" />
            <source>Move {0} to “{1}”</source>
            <translation>把 {0} 移到“{1}”</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/project/commands.py" line="162" />
            <source>Rename “{0}” to “{1}”</source>
            <translation>把“{0}”重命名为“{1}”</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/project/commands.py" line="166" />
            <source>Delete class “{0}”</source>
            <translation>删除类别“{0}”</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/project/commands.py" line="171" />
            <source>Merge “{0}” into “{1}”</source>
            <translation>把“{0}”合并到“{1}”</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/project/commands.py" line="183" />
            <source>New class “{0}”</source>
            <translation>新建类别“{0}”</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/project/commands.py" line="196" />
            <source>Locate {0}</source>
            <translation>找回 {0}</translation>
        </message>
    </context>
    <context>
        <name>plain_words</name>
        <message>
            <location filename="../../fewshot_studio/gui/plain_words.py" line="19" />
            <source>Looking at the photos</source>
            <translation>正在查看照片</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/plain_words.py" line="20" />
            <source>Checking on photos it did not learn from</source>
            <translation>正在未学过的照片上检验</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/plain_words.py" line="21" />
            <source>Fine-tuning: reading the photos</source>
            <translation>精调：读取照片</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/plain_words.py" line="22" />
            <source>Fine-tuning: trying settings</source>
            <translation>精调：尝试设置</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/plain_words.py" line="23" />
            <source>Sorting photos</source>
            <translation>正在整理照片</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/plain_words.py" line="24" />
            <source>Putting photos back</source>
            <translation>正在放回照片</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/plain_words.py" line="26" />
            <source>Fast</source>
            <translation>快速</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/plain_words.py" line="26" />
            <source>Balanced</source>
            <translation>均衡</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/plain_words.py" line="26" />
            <source>Accurate</source>
            <translation>准确</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/plain_words.py" line="59" />
            <source>Runs on the graphics card</source>
            <translation>在显卡上运行</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/plain_words.py" line="61" />
            <source>Runs on the processor</source>
            <translation>在处理器上运行</translation>
        </message>
        <message>
            <location filename="../../fewshot_studio/gui/plain_words.py" line="62" />
            <source>Not started yet</source>
            <translation>尚未开始</translation>
        </message>
    </context>
    <context>
        <name>engine</name>
        <message>
            <source>Add at least two classes with at least one image each.</source>
            <translation>请至少添加两个类别，每个类别至少一张照片。</translation>
        </message>
        <message>
            <source>HEIC/HEIF photos need the optional package pillow-heif (pip install pillow-heif)</source>
            <translation>HEIC/HEIF 照片需要可选组件 pillow-heif（pip install pillow-heif）</translation>
        </message>
        <message>
            <source>No readable images in: {0}. Add images that open, or remove the class.</source>
            <translation>以下类别中没有可读取的照片：{0}。请添加能打开的照片，或删除该类别。</translation>
        </message>
        <message>
            <source>Nothing is lost: every photo handled so far is recorded in {0}, and photos not yet handled were not touched. Fix the cause and run the same command again to continue.</source>
            <translation>没有丢失任何东西：到目前为止处理过的每张照片都记录在 {0} 中，还没处理的照片没有被动过。解决问题后，用同样的设置再运行一次即可继续。</translation>
        </message>
        <message>
            <source>Nothing was changed: no photo was copied or moved.</source>
            <translation>没有任何改动：没有复制或移动任何照片。</translation>
        </message>
        <message>
            <source>The classes are very unbalanced: “{0}” has {1} images, “{2}” only {3}. The model may favour “{0}”.</source>
            <translation>各类别的照片数量相差很大：“{0}”有 {1} 张，“{2}”只有 {3} 张。模型可能会偏向“{0}”。</translation>
        </message>
        <message>
            <source>The project file {0} does not exist.</source>
            <translation>项目文件 {0} 不存在。</translation>
        </message>
        <message>
            <source>These images disappeared or broke while fine-tuning: {0}. Train again.</source>
            <translation>精调期间这些照片消失或损坏了：{0}。请重新学习。</translation>
        </message>
        <message>
            <source>a class needs a name</source>
            <translation>类别需要一个名称</translation>
        </message>
        <message>
            <source>a newer version</source>
            <translation>更新的版本</translation>
        </message>
        <message>
            <source>a symbolic link that leads back to itself (a link loop)</source>
            <translation>这是一个指回自身的符号链接（链接循环）</translation>
        </message>
        <message>
            <source>another labelling run is using {0} right now</source>
            <translation>另一次整理正在使用 {0}</translation>
        </message>
        <message>
            <source>backbone file version {0} is newer than this app understands</source>
            <translation>基础模型文件的版本 {0} 太新，本应用读不懂</translation>
        </message>
        <message>
            <source>backbone.weights must be 'stock' or 'embedded'</source>
            <translation>backbone.weights 必须是 'stock' 或 'embedded'</translation>
        </message>
        <message>
            <source>bad checksum entry for {0}</source>
            <translation>{0} 的校验和条目有误</translation>
        </message>
        <message>
            <source>cannot be opened ({0})</source>
            <translation>无法打开（{0}）</translation>
        </message>
        <message>
            <source>cannot be read ({0})</source>
            <translation>无法读取（{0}）</translation>
        </message>
        <message>
            <source>class names must be unique</source>
            <translation>类别名称不能重复</translation>
        </message>
        <message>
            <source>class {0} has no name</source>
            <translation>第 {0} 个类别没有名称</translation>
        </message>
        <message>
            <source>class_names must be a list of 1 to {0} names</source>
            <translation>class_names 必须是含有 1 到 {0} 个名称的列表</translation>
        </message>
        <message>
            <source>could not be read</source>
            <translation>无法读取</translation>
        </message>
        <message>
            <source>could not write to {0}: {1}. {2}</source>
            <translation>无法写入 {0}：{1}。{2}</translation>
        </message>
        <message>
            <source>every class name must be text of 1 to {0} characters</source>
            <translation>每个类别名称都必须是 1 到 {0} 个字符的文字</translation>
        </message>
        <message>
            <source>familiarity must be an object</source>
            <translation>familiarity 必须是一个对象</translation>
        </message>
        <message>
            <source>folder</source>
            <translation>文件夹</translation>
        </message>
        <message>
            <source>head.config must be an object</source>
            <translation>head.config 必须是一个对象</translation>
        </message>
        <message>
            <source>its autosave record is not a table</source>
            <translation>其中的自动保存记录不是表格形式</translation>
        </message>
        <message>
            <source>its classes are not a list</source>
            <translation>其中的类别不是一个列表</translation>
        </message>
        <message>
            <source>its process id is not a valid number</source>
            <translation>其中的进程号不是有效的数字</translation>
        </message>
        <message>
            <source>its project file name is not text</source>
            <translation>其中的项目文件名不是文字</translation>
        </message>
        <message>
            <source>its settings are not a table</source>
            <translation>其中的设置不是表格形式</translation>
        </message>
        <message>
            <source>its time is not a number</source>
            <translation>其中的时间不是数字</translation>
        </message>
        <message>
            <source>metrics must be an object</source>
            <translation>metrics 必须是一个对象</translation>
        </message>
        <message>
            <source>mode</source>
            <translation>方式</translation>
        </message>
        <message>
            <source>model</source>
            <translation>模型</translation>
        </message>
        <message>
            <source>nested too deeply</source>
            <translation>嵌套层数太多</translation>
        </message>
        <message>
            <source>no class folders with images inside (expected FOLDER/&lt;class&gt;/&lt;image&gt;)</source>
            <translation>里面没有装着照片的类别文件夹（应为 文件夹/&lt;类别&gt;/&lt;照片&gt;）</translation>
        </message>
        <message>
            <source>none</source>
            <translation>无</translation>
        </message>
        <message>
            <source>not a regular file (a pipe, device or socket)</source>
            <translation>不是普通文件（管道、设备或套接字）</translation>
        </message>
        <message>
            <source>not a regular file (a pipe, device or socket), so it is not read</source>
            <translation>不是普通文件（管道、设备或套接字），因此不会读取</translation>
        </message>
        <message>
            <source>not an image, or an image format that is not supported</source>
            <translation>不是图片，或者是不支持的图片格式</translation>
        </message>
        <message>
            <source>nothing</source>
            <translation>什么也没有</translation>
        </message>
        <message>
            <source>permission denied: you are not allowed to read this file</source>
            <translation>没有权限：你无权读取这个文件</translation>
        </message>
        <message>
            <source>preprocessing resolution {0} is not an integer between 32 and 1024</source>
            <translation>预处理的分辨率 {0} 不是 32 到 1024 之间的整数</translation>
        </message>
        <message>
            <source>preprocessing {0} must be three numbers</source>
            <translation>预处理的 {0} 必须是三个数字</translation>
        </message>
        <message>
            <source>resolution {0} is not an integer between 32 and 1024</source>
            <translation>分辨率 {0} 不是 32 到 1024 之间的整数</translation>
        </message>
        <message>
            <source>the backbone section and the stored weights disagree</source>
            <translation>基础模型部分与存储的权重不一致</translation>
        </message>
        <message>
            <source>the backbone section is missing</source>
            <translation>缺少基础模型部分（backbone）</translation>
        </message>
        <message>
            <source>the batch size must be at least 1 (got {0})</source>
            <translation>每批的数量至少为 1（收到的是 {0}）</translation>
        </message>
        <message>
            <source>the disk is full</source>
            <translation>磁盘已满</translation>
        </message>
        <message>
            <source>the file does not exist (moved or deleted, or a link to nothing)</source>
            <translation>文件不存在（已移动或删除，或是指向空处的链接）</translation>
        </message>
        <message>
            <source>the file is empty (0 bytes)</source>
            <translation>文件是空的（0 字节）</translation>
        </message>
        <message>
            <source>the file is larger than {0} MB, too large for a photo</source>
            <translation>文件大于 {0} MB，对照片来说太大了</translation>
        </message>
        <message>
            <source>the file is more than the {0} bytes expected</source>
            <translation>文件超过了预期的 {0} 字节</translation>
        </message>
        <message>
            <source>the file is {0} bytes, more than the {1} expected</source>
            <translation>文件有 {0} 字节，超过了预期的 {1} 字节</translation>
        </message>
        <message>
            <source>the file lists a photo outside its photos folder ({0})</source>
            <translation>文件里列出了一张不在它的照片文件夹中的照片（{0}）</translation>
        </message>
        <message>
            <source>the file lists a photo that is not a name</source>
            <translation>文件里列出的一张照片不是文件名</translation>
        </message>
        <message>
            <source>the folder cannot be read ({0})</source>
            <translation>无法读取文件夹（{0}）</translation>
        </message>
        <message>
            <source>the folder does not exist</source>
            <translation>文件夹不存在</translation>
        </message>
        <message>
            <source>the head section is missing</source>
            <translation>缺少分类部分（head）</translation>
        </message>
        <message>
            <source>the image is damaged or truncated and cannot be decoded</source>
            <translation>图片已损坏或不完整，无法解码</translation>
        </message>
        <message>
            <source>the image is too large to open safely (decompression-bomb limit)</source>
            <translation>图片太大，无法安全打开（超出解压炸弹限制）</translation>
        </message>
        <message>
            <source>the image is too large to open safely ({0} x {1} pixels; images over {2} million pixels are refused, except JPEG photos, which are decoded at reduced size)</source>
            <translation>图片太大，无法安全打开（{0} x {1} 像素；超过 {2} 百万像素的图片会被拒绝，JPEG 照片除外，它们会以缩小的尺寸解码）</translation>
        </message>
        <message>
            <source>the images of class {0}</source>
            <translation>第 {0} 个类别的照片</translation>
        </message>
        <message>
            <source>the manifest has no valid version ({0})</source>
            <translation>清单中没有有效的版本号（{0}）</translation>
        </message>
        <message>
            <source>the manifest has no weights checksum</source>
            <translation>清单中没有权重的校验和</translation>
        </message>
        <message>
            <source>the manifest is not valid JSON ({0})</source>
            <translation>清单不是有效的 JSON（{0}）</translation>
        </message>
        <message>
            <source>the manifest lists no checksums for its weights</source>
            <translation>清单中没有列出权重的校验和</translation>
        </message>
        <message>
            <source>the number of workers must be at least 1 (got {0})</source>
            <translation>工作进程的数量至少为 1（收到的是 {0}）</translation>
        </message>
        <message>
            <source>the output folder {0} contains the folder being labelled ({1}): the results and sorted photos would mix with the photos to label. Choose another output folder (for example {2}).</source>
            <translation>结果文件夹 {0} 包含了要整理的文件夹（{1}）：结果和整理好的照片会和待整理的照片混在一起。请选择另一个结果文件夹（例如 {2}）。</translation>
        </message>
        <message>
            <source>the output folder {0} is the folder being labelled ({1}): the results and sorted photos would mix with the photos to label. Choose another output folder (for example {2}).</source>
            <translation>结果文件夹 {0} 就是要整理的文件夹（{1}）：结果和整理好的照片会和待整理的照片混在一起。请选择另一个结果文件夹（例如 {2}）。</translation>
        </message>
        <message>
            <source>the preprocessing section is missing</source>
            <translation>缺少预处理部分（preprocessing）</translation>
        </message>
        <message>
            <source>the test images</source>
            <translation>测试照片</translation>
        </message>
        <message>
            <source>the threshold is a probability from 0 to 1 (got {0})</source>
            <translation>阈值是 0 到 1 之间的概率（收到的是 {0}）</translation>
        </message>
        <message>
            <source>the threshold must be between 0 and 1 (got {0})</source>
            <translation>阈值必须在 0 到 1 之间（收到的是 {0}）</translation>
        </message>
        <message>
            <source>the unknown threshold must be between 0 and 1 (got {0})</source>
            <translation>“都不是”的阈值必须在 0 到 1 之间（收到的是 {0}）</translation>
        </message>
        <message>
            <source>there is already a class called “{0}”</source>
            <translation>已经有一个叫“{0}”的类别</translation>
        </message>
        <message>
            <source>this classifier cannot be saved: {0}</source>
            <translation>这个模型无法保存：{0}</translation>
        </message>
        <message>
            <source>this classifier was trained on backbone {0}, which is not the installed {1}, and its weights are not attached to it (a custom backbone file?)</source>
            <translation>这个模型是在基础模型 {0} 上学习的，它不是这里安装的 {1}，而且模型里没有附带它的权重（是自定义的基础模型文件吗？）</translation>
        </message>
        <message>
            <source>this is a folder, not a file</source>
            <translation>这是一个文件夹，不是文件</translation>
        </message>
        <message>
            <source>this is a folder, not an image</source>
            <translation>这是一个文件夹，不是图片</translation>
        </message>
        <message>
            <source>this is not a Fewshot Studio backbone file (wrong format tag)</source>
            <translation>这不是 Fewshot Studio 基础模型文件（格式标记不对）</translation>
        </message>
        <message>
            <source>threshold</source>
            <translation>阈值</translation>
        </message>
        <message>
            <source>tta must be true or false</source>
            <translation>tta 必须是 true 或 false</translation>
        </message>
        <message>
            <source>unknown architecture {0}; known: {1}</source>
            <translation>未知的网络结构 {0}；已知的有：{1}</translation>
        </message>
        <message>
            <source>unknown backbone {0}</source>
            <translation>未知的基础模型 {0}</translation>
        </message>
        <message>
            <source>unknown mode {0}; choose one of {1}</source>
            <translation>未知的方式 {0}；请从 {1} 中选择一种</translation>
        </message>
        <message>
            <source>unknown_threshold</source>
            <translation>“都不是”的阈值</translation>
        </message>
        <message>
            <source>weights do not fit the network (unexpected {0}, missing {1})</source>
            <translation>权重与网络不匹配（多出 {0}，缺少 {1}）</translation>
        </message>
        <message>
            <source>{0} (in “{1}”) and {2} (in “{3}”) look like the same picture.</source>
            <translation>{0}（在“{1}”中）和 {2}（在“{3}”中）看起来是同一张图片。</translation>
        </message>
        <message>
            <source>{0} = {1} is outside the allowed range {2}..{3}</source>
            <translation>{0} = {1} 超出了允许的范围 {2}..{3}</translation>
        </message>
        <message>
            <source>{0} and {1} look like the same picture, one learned from and one tested on: the accuracy looks better than it is.</source>
            <translation>{0} 和 {1} 看起来是同一张图片，一张用来学习、一张用来检查：准确率看起来会比实际更好。</translation>
        </message>
        <message>
            <source>{0} contains NaN or infinite values</source>
            <translation>{0} 中含有 NaN 或无穷大的值</translation>
        </message>
        <message>
            <source>{0} could not be read ({1})</source>
            <translation>无法读取 {0}（{1}）</translation>
        </message>
        <message>
            <source>{0} could not be read completely (truncated?): {1}</source>
            <translation>{0} 无法完整读取（文件不完整？）：{1}</translation>
        </message>
        <message>
            <source>{0} ends in a line too long to be a record; it is damaged</source>
            <translation>{0} 的最后一行太长，不可能是一条记录；文件已损坏</translation>
        </message>
        <message>
            <source>{0} has a non-text key</source>
            <translation>{0} 中有一个不是文字的键</translation>
        </message>
        <message>
            <source>{0} has dtype {1}; only float32/float16 are accepted</source>
            <translation>{0} 的数据类型是 {1}；只接受 float32/float16</translation>
        </message>
        <message>
            <source>{0} has shape {1}, the network needs {2}</source>
            <translation>{0} 的形状是 {1}，网络需要的是 {2}</translation>
        </message>
        <message>
            <source>{0} holds a labelling run with another {1} ({2}); choose another output folder, or run again with the same settings to resume it</source>
            <translation>{0} 里有一次{1}不同的整理（{2}）；请选择另一个结果文件夹，或用相同的设置再运行一次，以继续那次整理</translation>
        </message>
        <message>
            <source>{0} is damaged (line {1} is not valid JSON)</source>
            <translation>{0} 已损坏（第 {1} 行不是有效的 JSON）</translation>
        </message>
        <message>
            <source>{0} is damaged and cannot be read ({1}: {2})</source>
            <translation>{0} 已损坏，无法读取（{1}：{2}）</translation>
        </message>
        <message>
            <source>{0} is damaged or truncated, or not a classifier file ({1})</source>
            <translation>{0} 已损坏或不完整，或者不是分类器文件（{1}）</translation>
        </message>
        <message>
            <source>{0} is damaged or truncated, or not a file of this kind ({1})</source>
            <translation>{0} 已损坏或不完整，或者不是这种文件（{1}）</translation>
        </message>
        <message>
            <source>{0} is damaged: its version {1} is not a whole number.</source>
            <translation>{0} 已损坏：它的版本号 {1} 不是整数。</translation>
        </message>
        <message>
            <source>{0} is damaged: line {1} (a {2} record) has a wrong {3}</source>
            <translation>{0} 已损坏：第 {1} 行（一条 {2} 记录）的 {3} 不对</translation>
        </message>
        <message>
            <source>{0} is damaged: line {1} (a {2} record) lacks {3}</source>
            <translation>{0} 已损坏：第 {1} 行（一条 {2} 记录）缺少 {3}</translation>
        </message>
        <message>
            <source>{0} is damaged: line {1} has a wrong 'top'</source>
            <translation>{0} 已损坏：第 {1} 行的 'top' 不对</translation>
        </message>
        <message>
            <source>{0} is damaged: {1}.</source>
            <translation>{0} 已损坏：{1}。</translation>
        </message>
        <message>
            <source>{0} is larger than the {1} bytes allowed</source>
            <translation>{0} 超过了允许的 {1} 字节</translation>
        </message>
        <message>
            <source>{0} is nested too deeply</source>
            <translation>{0} 嵌套层数太多</translation>
        </message>
        <message>
            <source>{0} is not a Fewshot Studio classifier file (wrong format tag)</source>
            <translation>{0} 不是 Fewshot Studio 分类器文件（格式标记不对）</translation>
        </message>
        <message>
            <source>{0} is not a Fewshot Studio project.</source>
            <translation>{0} 不是 Fewshot Studio 项目。</translation>
        </message>
        <message>
            <source>{0} is not a backbone file (not a zip archive)</source>
            <translation>{0} 不是基础模型文件（不是 zip 压缩包）</translation>
        </message>
        <message>
            <source>{0} is not a labelling journal (no run recorded in it)</source>
            <translation>{0} 不是整理记录（里面没有记下任何一次整理）</translation>
        </message>
        <message>
            <source>{0} is not a list of file names</source>
            <translation>{0}不是一个文件名列表</translation>
        </message>
        <message>
            <source>{0} is not a portable Fewshot Studio project ({1}).</source>
            <translation>{0} 不是 Fewshot Studio 便携项目（{1}）。</translation>
        </message>
        <message>
            <source>{0} is not a readable Fewshot Studio project ({1}).</source>
            <translation>{0} 不是可以读取的 Fewshot Studio 项目（{1}）。</translation>
        </message>
        <message>
            <source>{0} is not a readable portable project ({1}).</source>
            <translation>{0} 不是可以读取的便携项目（{1}）。</translation>
        </message>
        <message>
            <source>{0} is too large to read</source>
            <translation>{0} 太大，无法读取</translation>
        </message>
        <message>
            <source>{0} is {1} bytes, more than the {2} allowed</source>
            <translation>{0} 有 {1} 字节，超过了允许的 {2} 字节</translation>
        </message>
        <message>
            <source>{0} must be a number</source>
            <translation>{0} 必须是数字</translation>
        </message>
        <message>
            <source>{0} must be a short list of positive whole numbers</source>
            <translation>{0} 必须是由正整数组成的短列表</translation>
        </message>
        <message>
            <source>{0} must be three numbers</source>
            <translation>{0} 必须是三个数字</translation>
        </message>
        <message>
            <source>{0} must hold exactly {1} and {2} (unexpected: {3})</source>
            <translation>{0} 必须正好包含 {1} 和 {2}（多出来的：{3}）</translation>
        </message>
        <message>
            <source>{0} must hold plain numbers or text</source>
            <translation>{0} 只能包含普通的数字或文字</translation>
        </message>
        <message>
            <source>{0} must hold {1} and {2} (and optionally {3}) and nothing else; found {4}</source>
            <translation>{0} 应当只包含 {1} 和 {2}（还可以有 {3}），不能有别的；实际找到的是：{4}</translation>
        </message>
        <message>
            <source>{0} needs backbone {1}, which this app does not have (it knows {2})</source>
            <translation>{0} 需要基础模型 {1}，但本应用没有它（本应用有：{2}）</translation>
        </message>
        <message>
            <source>{0} uses the method {1}, which this app does not know (it knows {2}); update Fewshot Studio</source>
            <translation>{0} 使用了本应用不认识的方法 {1}（本应用认识：{2}）；请更新 Fewshot Studio</translation>
        </message>
        <message>
            <source>{0} was made by Fewshot Studio {1} (file format {2}); this version reads format {3} and older. Update Fewshot Studio to open it.</source>
            <translation>{0} 是用 Fewshot Studio {1} 制作的（文件格式 {2}）；当前版本只能读取格式 {3} 及更早的格式。请更新 Fewshot Studio 后再打开它。</translation>
        </message>
        <message>
            <source>{0} was made by a newer Fewshot Studio; please update the app.</source>
            <translation>{0} 是用更新版本的 Fewshot Studio 制作的；请更新本应用。</translation>
        </message>
        <message>
            <source>{0} was made with backbone weights {1}, but this installation has {2} (the checksums differ): its predictions would be wrong here</source>
            <translation>{0} 是用基础模型权重 {1} 制作的，但这里安装的是 {2}（校验和不同）：它在这里的预测会出错</translation>
        </message>
        <message>
            <source>{0} was written by a newer Fewshot Studio; update it to resume this run</source>
            <translation>{0} 是由更新版本的 Fewshot Studio 写下的；请更新本应用，再继续这次整理</translation>
        </message>
        <message>
            <source>{0}: familiarity arrays without their settings in the manifest</source>
            <translation>{0}：有熟悉度的数据，但清单中没有它的设置</translation>
        </message>
        <message>
            <source>{0}: its preprocessing differs from the stock {1} backbone</source>
            <translation>{0}：它的预处理与自带的 {1} 基础模型不同</translation>
        </message>
        <message>
            <source>{0}: no such backbone file</source>
            <translation>{0}：没有这个基础模型文件</translation>
        </message>
        <message>
            <source>{0}: no such backbone file (or not a regular file)</source>
            <translation>{0}：没有这个基础模型文件（或者它不是普通文件）</translation>
        </message>
        <message>
            <source>{0}: no such classifier file</source>
            <translation>{0}：没有这个分类器文件</translation>
        </message>
        <message>
            <source>{0}: no such journal (give the labelling output folder, or the {1} in it)</source>
            <translation>{0}：没有这个整理记录（请给出整理的结果文件夹，或其中的 {1}）</translation>
        </message>
        <message>
            <source>{0}: the backbone weights do not fit {1} ({2})</source>
            <translation>{0}：基础模型的权重与 {1} 不匹配（{2}）</translation>
        </message>
        <message>
            <source>{0}: the familiarity score cannot be rebuilt ({1})</source>
            <translation>{0}：无法重建熟悉度分数（{1}）</translation>
        </message>
        <message>
            <source>{0}: the familiarity score gives NaN on ordinary features</source>
            <translation>{0}：熟悉度分数对普通特征给出了 NaN</translation>
        </message>
        <message>
            <source>{0}: the familiarity score was made for {1}-d features, which {2} does not give</source>
            <translation>{0}：熟悉度分数是为 {1} 维的特征制作的，而 {2} 给出的不是这种特征</translation>
        </message>
        <message>
            <source>{0}: the head gives NaN or infinite scores on ordinary features (its settings or arrays are damaged or were edited)</source>
            <translation>{0}：分类部分对普通特征给出了 NaN 或无穷大的分数（它的设置或数组已损坏或被修改过）</translation>
        </message>
        <message>
            <source>{0}: the head gives {1} scores for {2} classes</source>
            <translation>{0}：分类部分为 {2} 个类别给出了 {1} 个分数</translation>
        </message>
        <message>
            <source>{0}: the head was fitted on an embedding laid out as {1}, but {2} gives {3}</source>
            <translation>{0}：分类部分是按 {1} 排列的特征学习的，但 {2} 给出的是 {3}</translation>
        </message>
        <message>
            <source>{0}: the head's arrays do not fit a {1}-d feature ({2})</source>
            <translation>{0}：分类部分的数组与 {1} 维的特征不匹配（{2}）</translation>
        </message>
        <message>
            <source>{0}: the manifest has no valid format version</source>
            <translation>{0}：清单中没有有效的格式版本</translation>
        </message>
        <message>
            <source>{0}: the manifest is not valid JSON ({1})</source>
            <translation>{0}：清单不是有效的 JSON（{1}）</translation>
        </message>
        <message>
            <source>{0}: the stored weights do not match the manifest's list</source>
            <translation>{0}：存储的权重与清单中列出的不一致</translation>
        </message>
        <message>
            <source>{0}: the weights cannot be read ({1})</source>
            <translation>{0}：无法读取权重（{1}）</translation>
        </message>
        <message>
            <source>{0}: the weights do not match their checksum (damaged or edited file)</source>
            <translation>{0}：权重与它们的校验和不符（文件已损坏或被修改过）</translation>
        </message>
        <message>
            <source>{0}: the {1} head cannot be rebuilt ({2})</source>
            <translation>{0}：无法重建 {1} 分类部分（{2}）</translation>
        </message>
        <message>
            <source>{0}: {1}</source>
            <translation>{0}：{1}</translation>
        </message>
        <message>
            <source>{0}: {1} / {2} contains NaN or infinite values</source>
            <translation>{0}：{1} / {2} 中含有 NaN 或无穷大的值</translation>
        </message>
        <message>
            <source>{0}: {1} cannot be read ({2})</source>
            <translation>{0}：无法读取 {1}（{2}）</translation>
        </message>
        <message>
            <source>{0}: {1} does not match its checksum (the file is damaged or was edited)</source>
            <translation>{0}：{1} 与它的校验和不符（文件已损坏或被修改过）</translation>
        </message>
        <message>
            <source>“{1}” has only {0} image; add at least {2} so the accuracy means something.</source>
            <translation>“{1}”只有 {0} 张照片；请至少添加到 {2} 张，准确率才有意义。</translation>
        </message>
        <message>
            <source>“{1}” has only {0} images; add at least {2} so the accuracy means something.</source>
            <translation>“{1}”只有 {0} 张照片；请至少添加到 {2} 张，准确率才有意义。</translation>
        </message>
    </context>
    <context>
        <name>PredictionBars</name>
        <message>
            <source>None of these: it looks like none of your classes</source>
            <translation>都不是：它看起来不像你的任何一个类别</translation>
        </message>
        <message>
            <source>Not sure: perhaps “{0}”</source>
            <translation>不确定：也许是“{0}”</translation>
        </message>
        <message>
            <source>It is “{0}”</source>
            <translation>它是“{0}”</translation>
        </message>
        <message>
            <source>How familiar it looks: {0} % (“None of these” below {1} %)</source>
            <translation>看起来有多熟悉：{0} %（低于 {1} % 即为“都不是”）</translation>
        </message>
    </context>
</TS>
